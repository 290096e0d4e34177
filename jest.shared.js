// Shared by the unit/e2e and conformance configurations. SWC rewrites the @buurtcoop/* aliases at
// compile time, so they also resolve in global set-up, which runs outside Jest's module mapper.
const swcTransform = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      baseUrl: __dirname,
      paths: {
        '@buurtcoop/core': ['libs/core/src'],
        '@buurtcoop/exchange': ['libs/exchange/src'],
        '@buurtcoop/finance': ['libs/finance/src'],
        '@buurtcoop/membership': ['libs/membership/src'],
        '@buurtcoop/obligations': ['libs/obligations/src'],
        '@buurtcoop/platform': ['libs/platform/src'],
        '@buurtcoop/reporting': ['libs/reporting/src'],
        '@buurtcoop/testing': ['libs/testing/src'],
      },
    },
    module: { type: 'commonjs' },
  },
];

// NestJS 12 and some of its dependencies ship only as ES modules. Node 20.19+ can require() them,
// Jest's runtime cannot (before Node 24.9), so Jest compiles exactly those packages to CommonJS (cached).
const fs = require('node:fs');
const path = require('node:path');

function esmPackages(nodeModules) {
  const names = [];
  const visit = (dir, scope) => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      if (entry.startsWith('.')) continue;
      if (!scope && entry.startsWith('@')) {
        visit(path.join(dir, entry), entry);
        continue;
      }
      try {
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, entry, 'package.json'), 'utf8'));
        if (manifest.type === 'module') names.push(scope ? `${scope}/${entry}` : entry);
      } catch {
        // not a package
      }
    }
  };
  visit(nodeModules);
  return names;
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const esm = esmPackages(path.join(__dirname, 'node_modules'));
const esmTransform = ['@swc/jest', { swcrc: false, jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } }];

const transform = { '^.+\\.ts$': swcTransform, '^.+/node_modules/.+\\.m?js$': esmTransform };
const transformIgnorePatterns = [`/node_modules/(?!(${esm.map(escape).join('|')})/)`];

module.exports = { swcTransform, transform, transformIgnorePatterns };
