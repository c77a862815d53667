import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://localhost:8080';

/** Text files worth compressing; smaller ones are sent as they are (as @fastify/compress does). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;
const MIN_BYTES = 1024;

/**
 * Writes `name.br` (brotli, best quality) and `name.gz` (gzip -9) next to every built text file.
 * The server sends them as they are (`@fastify/static` preCompressed) to a browser that accepts
 * them: smaller than compressing on each request (brotli at quality 11 takes ~0.5 s for the
 * vendor chunk, too slow per request), and no CPU spent per request.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  return {
    name: 'ovi-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (name) => {
          const path = join(dir, name);
          const content = await readFile(path);
          if (content.length < MIN_BYTES) return;
          const [br, gz] = await Promise.all([
            brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
            gzipped(content, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/fhir': server,
      '/auth': server,
      // The web app signs in through Ovi's OpenID provider (decision 035).
      '/oauth': server,
      '/api': server,
      '/healthz': server,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under assets/: the server lets browsers keep them for a year (immutable).
    assetsDir: 'assets',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The chart library (Observable Plot and its d3 parts) only for the screens with
            // charts, loaded when a chart is first drawn: never part of the first page.
            { name: 'charts', test: /[\\/]node_modules[\\/](@observablehq|d3(-[a-z-]+)?|interval-tree-1d|isoformat|binary-search-bounds|internmap|delaunator|robust-predicates)[\\/]/, priority: 20 },
            // React and i18next change far less often than Ovi's own code: in a chunk of their
            // own, a new release of Ovi leaves them in the browser's cache. Only these: any other
            // library (e.g. the holiday calendar a rule check needs) stays with the lazily loaded
            // screen that imports it, never in the first page. The screens are split by App.tsx
            // (React.lazy), each loaded when first opened.
            { name: 'vendor', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
