/**
 * The widget's browser builds, into dist/browser:
 * - default mode: ES modules, a small launcher entry plus lazy chunks
 *   (panel, transport, Twilio SDK, emulator client) fetched on open;
 * - `--mode iife`: one classic script for a plain <script> tag, everything inlined.
 */
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    build: {
      outDir: 'dist/browser',
      emptyOutDir: !iife,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: {
        entry: 'src/widget/index.ts',
        name: 'BridgeChat',
        formats: [iife ? 'iife' : 'es'],
        fileName: () => (iife ? 'bridge-chat.iife.js' : 'bridge-chat.js'),
      },
      // The IIFE format cannot split, so Vite inlines the lazy chunks there by itself.
      rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
  };
});
