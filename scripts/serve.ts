/**
 * A tiny static server for the built site on 127.0.0.1 that behaves like a default nginx or IIS: it serves only
 * files that exist — `/x` is not `/x.html` (no extension guessing, no rewrites); a folder answers with its
 * `index.html` (redirecting `/folder` to `/folder/` first, as nginx does); gzip for text, JSON and wasm.
 * So a link that works here works on the bureau's own server. `npm start` builds and then runs this.
 * Usage: `npx tsx scripts/serve.ts [--port 3000] [--dir <folder>]`; the folder defaults to `CARECIRCLE_OUTPUT`, else `dist`.
 */
import {createReadStream, existsSync, statSync} from "node:fs";
import {createGzip} from "node:zlib";
import {createServer, type Server} from "node:http";
import {extname, join, normalize, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".geojson": "application/geo+json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".arrow": "application/vnd.apache.arrow.stream",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2"
};

/** Types worth compressing (nginx `gzip_types` of the deployment guide). */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".geojson", ".csv", ".arrow", ".wasm", ".svg", ".txt"]);

/**
 * Resolve a URL path to what a default static server does with it: a file in `root`, a redirect for a folder asked
 * without its trailing slash, or undefined (404). No escaping the root; "/x" is never "/x.html"; "/x/" is
 * "/x/index.html".
 */
export function resolveRequest(root: string, urlPath: string): {file: string} | {redirect: string} | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return undefined;
  }
  const base = resolve(root);
  const candidate = normalize(join(base, path));
  if (candidate !== base && !candidate.startsWith(base + sep)) return undefined;
  if (!existsSync(candidate)) return undefined;
  if (statSync(candidate).isFile()) return path.endsWith("/") ? undefined : {file: candidate};
  const index = join(candidate, "index.html");
  if (!existsSync(index) || !statSync(index).isFile()) return undefined;
  return path.endsWith("/") ? {file: index} : {redirect: urlPath.split("?")[0].split("#")[0] + "/"};
}

/** Start serving `root` on 127.0.0.1:`port` (0 = any free port). Resolves to the server and its base URL. */
export function startServer(root: string, port = 0): Promise<{server: Server; url: string}> {
  const server = createServer((req, res) => {
    const found = resolveRequest(root, req.url ?? "/");
    if (!found) {
      res.writeHead(404, {"content-type": "text/plain; charset=utf-8"});
      res.end("404 未找到");
      return;
    }
    if ("redirect" in found) {
      res.writeHead(301, {location: found.redirect});
      res.end();
      return;
    }
    const type = TYPES[extname(found.file)] ?? "application/octet-stream";
    const gzip = COMPRESSIBLE.has(extname(found.file)) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(200, {"content-type": type, "cache-control": "no-cache", ...(gzip ? {"content-encoding": "gzip", vary: "Accept-Encoding"} : {})});
    const stream = createReadStream(found.file);
    if (gzip) stream.pipe(createGzip()).pipe(res);
    else stream.pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolvePromise({server, url: `http://127.0.0.1:${actual}`});
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const dir = arg("--dir") ?? process.env.CARECIRCLE_OUTPUT ?? "dist";
  if (!existsSync(join(dir, "index.html"))) {
    process.stderr.write(`No built site in ${dir}/ — run \`npm run build\` first.\n`);
    process.exit(1);
  }
  const port = Number(arg("--port") ?? process.env.PORT ?? 3000);
  startServer(dir, port).then(({url}) => {
    process.stdout.write(`CareCircle 养老服务圈 is served at ${url}/  (Ctrl+C to stop)\n`);
  }, (error) => {
    process.stderr.write(`Cannot serve on 127.0.0.1:${port}: ${error.message}. Try PORT=3001 npm run serve\n`);
    process.exit(1);
  });
}
