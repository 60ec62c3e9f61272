/**
 * The custom elements manifest (`npm run build` → dist/custom-elements.json, referenced by
 * package.json's "customElements"): the public element <bridge-chat> only, from its source and
 * its JSDoc (@attr, @prop, @event, @slot, @csspart, @cssproperty), with the Lit plugin reading
 * the @property decorators. The panel's own elements are internal and stay out, and so do
 * private members and members tagged @internal.
 */
export default {
  globs: ['src/widget/bridge-chat/bridge-chat.component.ts', 'src/widget/bridge-chat/bridge-chat.ts'],
  outdir: 'dist',
  litelement: true,
  // Never rewrite package.json: its "customElements" already names dist/custom-elements.json.
  packagejson: false,
  dependencies: false,
  dev: false,
  plugins: [publicApiOnly()],
};

/**
 * Drops private members, and names the modules the package ships (dist/widget/….js, which tsc
 * emits file for file from src/widget/….ts) rather than the sources the analyzer read.
 */
function publicApiOnly() {
  const shipped = (path) => path.replace(/^\//, '').replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
  return {
    name: 'bridge-chat-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        module.path = shipped(module.path);
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) {
            declaration.members = declaration.members.filter((member) => member.privacy !== 'private');
          }
        }
        for (const entry of module.exports ?? []) {
          if (entry.declaration?.module) entry.declaration.module = shipped(entry.declaration.module);
        }
      }
    },
  };
}
