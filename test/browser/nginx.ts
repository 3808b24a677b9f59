/**
 * A real nginx for the browser tests, configured the way a bureau's intranet server is by default: it serves only
 * files that exist (`try_files $uri $uri/ =404`, no rewrites, no `.html` guessing), gzip on for the types the site
 * ships, the site mounted once at `/` and once under a sub-path (`/yanglao/`, as on a bureau's shared server).
 *
 * Each call starts its own nginx (Debian's package, `/usr/sbin/nginx`, installed by `.ci/run` when missing) on free
 * loopback ports with a config, pid file, logs and temp folders of its own under a fresh temp folder, in the
 * foreground as one process (`master_process off`), so it runs as whoever runs the tests and stops with `stop()`.
 */
import {spawn, type ChildProcess} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {createServer} from "node:net";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
/** The sub-path under which the second mount serves the site, as a bureau's shared intranet server would. */
export const SUB_PATH = "/yanglao";

export interface Nginx {
  /** The site at the server root, e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly root: string;
  /** The same site under SUB_PATH, e.g. http://127.0.0.1:40124/yanglao (no trailing slash). */
  readonly sub: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for nginx to take). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * The nginx configuration a test server uses: `rootPort` serves `dir` at `/`; `subPort` serves `mountRoot` (a
 * folder whose only entry, SUB_PATH, links to `dir`) so that the site lives under the sub-path.
 */
export function nginxConfig(options: {dir: string; mountRoot: string; work: string; rootPort: number; subPort: number}): string {
  const {dir, mountRoot, work, rootPort, subPort} = options;
  const server = (port: number, root: string) => `
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    root ${root};
    index index.html;
    location / {
      try_files $uri $uri/ =404;
    }
  }`;
  return `# CareCircle browser tests: a default-like nginx, no rewrite rules.
worker_processes 1;
master_process off;
daemon off;
pid ${join(work, "nginx.pid")};
error_log ${join(work, "error.log")} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  types { application/geo+json geojson; application/vnd.apache.arrow.file arrow; }
  access_log off;
  sendfile on;
  client_body_temp_path ${join(work, "client_body")};
  proxy_temp_path ${join(work, "proxy")};
  fastcgi_temp_path ${join(work, "fastcgi")};
  uwsgi_temp_path ${join(work, "uwsgi")};
  scgi_temp_path ${join(work, "scgi")};
  gzip on;
  gzip_min_length 256;
  gzip_types text/css application/javascript text/javascript application/json application/geo+json application/wasm text/csv image/svg+xml application/vnd.apache.arrow.file;
${server(rootPort, resolve(dir))}
${server(subPort, resolve(mountRoot))}
}
`;
}

/** Start nginx serving `dir` at the root and under SUB_PATH; fails with one clear message when nginx is missing. */
export async function startNginx(dir: string): Promise<Nginx> {
  if (!existsSync(NGINX)) {
    throw new Error(`nginx not found at ${NGINX}. The browser tests serve the site with Debian's nginx, as a bureau would: ` +
      "run `sudo apt-get install -y nginx` (or set NGINX_PATH); `.ci/run` installs it when missing.");
  }
  if (!existsSync(join(dir, "index.html"))) throw new Error(`No built site in ${dir}/ — run \`npm run build\` before the browser tests.`);
  const work = mkdtempSync(join(tmpdir(), "carecircle-nginx-"));
  const mountRoot = join(work, "www");
  // the sub-path mount: <work>/www/yanglao → dir
  mkdirSync(mountRoot);
  symlinkSync(resolve(dir), join(mountRoot, SUB_PATH.slice(1)), "dir");
  const [rootPort, subPort] = [await freePort(), await freePort()];
  const config = join(work, "nginx.conf");
  writeFileSync(config, nginxConfig({dir, mountRoot, work, rootPort, subPort}));
  const child: ChildProcess = spawn(NGINX, ["-p", work, "-c", config], {stdio: ["ignore", "ignore", "pipe"]});
  // an interrupted test run must not leave nginx behind
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  const root = `http://127.0.0.1:${rootPort}`;
  const sub = `http://127.0.0.1:${subPort}${SUB_PATH}`;
  // wait until both ports answer (or nginx exits with its reason)
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ready = await Promise.all([root, sub].map((u) => fetch(u + "/index.html").then((r) => r.ok, () => false)));
    if (ready.every(Boolean)) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = existsSync(join(work, "error.log")) ? readFileSync(join(work, "error.log"), "utf8") : "";
      child.kill("SIGKILL");
      throw new Error(`nginx did not start (exit ${child.exitCode}): ${stderr}${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    root,
    sub,
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode === null) {
        child.kill("SIGQUIT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(work, {recursive: true, force: true});
    }
  };
}
