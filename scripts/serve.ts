/**
 * A tiny static server for `dist/` on 127.0.0.1, the way an intranet web server would serve it.
 * `npm start` builds and then runs this; the browser tests use `startServer` too.
 * Usage: `npx tsx scripts/serve.ts [--port 3000] [--dir dist]`
 */
import {createReadStream, existsSync, statSync} from "node:fs";
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

/** Resolve a URL path to a file in `root`, or undefined (no escaping the root; "/x" → "/x.html" or "/x/index.html"). */
export function fileFor(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return undefined;
  }
  const base = resolve(root);
  const candidate = normalize(join(base, path));
  if (candidate !== base && !candidate.startsWith(base + sep)) return undefined;
  for (const file of [candidate, `${candidate}.html`, join(candidate, "index.html")]) {
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

/** Start serving `root` on 127.0.0.1:`port` (0 = any free port). Resolves to the server and its base URL. */
export function startServer(root: string, port = 0): Promise<{server: Server; url: string}> {
  const server = createServer((req, res) => {
    const file = fileFor(root, req.url ?? "/");
    if (!file) {
      res.writeHead(404, {"content-type": "text/plain; charset=utf-8"});
      res.end("404 未找到");
      return;
    }
    res.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache"});
    createReadStream(file).pipe(res);
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
  const dir = arg("--dir") ?? "dist";
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
