// Starts one studio server for the run and hands its address to the test workers (environment
// variables set here reach them); the returned function stops it and deletes the workspace.
import { startStudioServer } from './studio-server';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startStudioServer();
  process.env.STUDIO_E2E_URL = server.url;
  process.env.STUDIO_E2E_DB = server.dbPath;
  return () => server.stop();
}
