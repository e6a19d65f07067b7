/**
 * The structure `npm run check` enforces (docs/architecture.md): modules meet only at each other's face
 * (index.ts; schema.ts too, because foreign keys reference a sibling's tables and drizzle-kit reads every
 * schema as one database), the kernel knows no module, nothing imports in a circle, and the web app takes
 * only types from the server.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      comment:
        'A module imports another module only through its face: index.ts (or schema.ts for a foreign key).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(index|schema)\\.ts$'],
      },
    },
    {
      name: 'kernel-knows-no-module',
      comment: 'The kernel is what every module uses; it must not depend on any of them.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'no-cycles',
      comment: 'Files that import each other in a circle cannot be understood or moved one at a time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-takes-types-only',
      comment:
        "The web app imports the server's shapes as types (erased from the bundle), through a module's face.",
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(modules|kernel)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-through-faces',
      comment: "The web app reads a module's types from its face, as another module would.",
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
