// The renderer bundle: built into dist/renderer and loaded from file:// in Electron or from the local
// web server in browser mode, hence the relative base.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${import.meta.dirname}/../dist/renderer`,
    emptyOutDir: true,
    // No inline scripts or styles anywhere: the CSP in index.html forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
});
