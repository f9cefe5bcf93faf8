/** An expected reason the app cannot start (busy port, unbuilt interface): printed as a sentence. */
export class StartupError extends Error {
  override name = 'StartupError';
  constructor(
    message: string,
    readonly reason: 'port-in-use' | 'other' = 'other',
  ) {
    super(message);
  }
}

/** Turns a listen() failure into a sentence; anything else is returned unchanged. */
export function explainListenError(err: unknown, port: number): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new StartupError(
      `Port ${port} is already in use; choose another with --port N (0 picks a free one).`,
      'port-in-use',
    );
  }
  if (code === 'EACCES') {
    return new StartupError(
      `Port ${port} may not be used by this user; choose another with --port N.`,
    );
  }
  return err;
}
