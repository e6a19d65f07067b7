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
      name: 'outside-through-faces',
      comment:
        "The server's start, the CLI, the demo, benchmarks and journeys use a module as another module would: through its face.",
      severity: 'error',
      from: { path: '^(src/(demo|cli|testing)/|src/server\\.ts$|bench/|e2e/)' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: '^src/modules/[^/]+/(index|schema|policy|lifecycle)\\.ts$',
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
      // a cycle closed only by a type import (a command's input typed from its route's schema) is erased
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'web-takes-types-through-faces',
      comment:
        "The web app reads a module's types from its face (index.ts), as a type-only import erased from the bundle.",
      severity: 'error',
      from: { path: '^src/web/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: '^src/modules/[^/]+/(index|policy|lifecycle)\\.ts$',
      },
    },
    {
      name: 'web-runtime-shares-rules-only',
      comment:
        "At run time the web app shares only the server's rules and states (a module's policy.ts and lifecycle.ts, the kernel's roles), so a button shows exactly when the server allows; everything else it takes as types.",
      severity: 'error',
      from: { path: '^src/web/' },
      to: {
        path: '^src/(modules|kernel)/',
        pathNot: ['^src/modules/[^/]+/(policy|lifecycle)\\.ts$', '^src/kernel/access/roles\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'shared-rules-stay-pure',
      comment:
        "A module's policy.ts and lifecycle.ts are plain rules and data that run in the browser too: at run time they use only the kernel's roles and each other (types from anywhere; the lifecycle engine checks a lifecycle when its type registers).",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/(policy|lifecycle)\\.ts$' },
      to: {
        path: '^src/',
        pathNot: ['^src/modules/$1/(policy|lifecycle)\\.ts$', '^src/kernel/access/roles\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data)' },
    tsConfig: { fileName: 'tsconfig.json' },
    parser: 'swc',
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
