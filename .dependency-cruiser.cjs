/**
 * The layer order of the workbench, in one place (ARCHITECTURE.md):
 *   lib -> model -> pipeline -> app -> ui, with workers as thin entries over lib/model/pipeline.
 * A layer imports only itself and the layers to its left; nothing imports tests, benchmarks or
 * their helpers; folders never import each other in a circle. Checked by `npm run lint`.
 */
const LAYERS = ['lib', 'model', 'pipeline', 'app', 'ui'];
const below = (layer) => LAYERS.slice(0, LAYERS.indexOf(layer) + 1).join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LAYERS.map((layer) => ({
      name: `layer-${layer}`,
      comment: `src/${layer} may import only src/{${below(layer)}}: the layer order is lib -> model -> pipeline -> app -> ui.`,
      severity: 'error',
      from: { path: `^src/${layer}/` },
      to: { path: '^src/', pathNot: [`^src/(${below(layer)})/`, '^src/vite-env\\.d\\.ts$'] },
    })),
    {
      name: 'workers-are-entries',
      comment: 'Worker entries run pipeline code: they import lib, model and pipeline, never app or ui.',
      severity: 'error',
      from: { path: '^src/workers/' },
      to: { path: '^src/(app|ui)/' },
    },
    {
      name: 'nothing-imports-workers',
      comment: 'A worker is started by URL (new Worker(new URL(...))), never imported.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/workers/' },
      to: { path: '^src/workers/' },
    },
    {
      name: 'react-only-in-ui',
      comment: 'Only src/ui (and main.tsx) may use React; the rest runs in workers and tests without it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/ui/', '^src/main\\.tsx$'] },
      to: { path: 'node_modules/(react|react-dom|@react-three|scheduler)/' },
    },
    {
      name: 'store-library-only-in-app-and-ui',
      comment: 'zustand stores live in src/app; the compute core and workers know nothing of them.',
      severity: 'error',
      from: { path: '^src/(lib|model|pipeline|workers)/' },
      to: { path: 'node_modules/zustand/' },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'Production code never imports tests, test helpers, benchmarks or tools.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: ['\\.test\\.ts$', '^test/', '^bench/', '^tools/', '^e2e/'] },
    },
    {
      name: 'no-folder-cycles',
      comment: 'Folders depend on each other in one direction only.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment: 'Modules depend on each other in one direction only.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.d\\.ts$', '\\.test\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
