/**
 * The widget's browser builds, into dist/browser, both from src/widget/browser.ts (which registers
 * <bridge-chat> and installs the `window.BridgeChat` snippet API):
 * - default mode: ES modules, a small launcher entry plus lazy chunks
 *   (panel, transport, Twilio SDK, emulator client) fetched on open;
 * - `--mode iife`: one classic script for a plain <script> tag, everything inlined.
 *
 * browser.ts exports no values, so the IIFE is a bare `(function(){…})()`: with exports, the
 * format would assign its exports object to `var BridgeChat` and replace the snippet API.
 */
import { defineConfig } from 'vite';
import { minifyTemplateLiterals } from './build/minify-template-literals.js';
import { thirdPartyLicences } from './build/third-party-licences.js';

export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    plugins: [minifyTemplateLiterals(), thirdPartyLicences()],
    build: {
      outDir: 'dist/browser',
      emptyOutDir: !iife,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      // dist/browser/.vite/manifest.json: the chunk graph that the size budgets and the bench read.
      manifest: !iife,
      lib: {
        entry: 'src/widget/browser.ts',
        // Required by Vite for the IIFE format; unused, since the entry exports nothing.
        name: 'BridgeChat',
        formats: [iife ? 'iife' : 'es'],
        fileName: () => (iife ? 'bridge-chat.iife.js' : 'bridge-chat.js'),
      },
      // The IIFE format cannot split, so Vite inlines the lazy chunks there by itself. Vite keeps
      // an ES library's whitespace for the consumer's bundler; these files go to browsers as they are.
      rolldownOptions: {
        output: {
          chunkFileNames: 'chunks/[name]-[hash].js',
          minify: true,
          // Browsers are the last readers of these files: no bundler after them needs /* @__PURE__ */
          // annotations. The minifier drops the dependencies' licence headers too (Lit's BSD-3 notice
          // among them): build/third-party-licences.ts writes them to a file beside the build instead.
          comments: false,
          // The launcher (the element, with Lit and all it imports) in one chunk of its own that the panel
          // shares: the entry then holds only the BridgeChat snippet API, and the panel imports from a URL
          // that never carries the page's query string.
          ...(iife ? {} : { codeSplitting: { groups: [{ name: 'launcher', test: /src\/widget\/(bridge-chat\/bridge-chat|browser)\.ts$/ }] } }),
        },
      },
    },
  };
});
