// The templates of data/templates/ (CSV with BOM and .xlsx per table, boundary GeoJSON, region.json) as one archive
// for the guide page; Framework also serves each member on its own (FileAttachment("data/templates/facilities.csv")).
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {zip} from "../../loaders/zip.ts";

const ROOT = "data/templates";

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

process.stdout.write(zip(files(ROOT).map((path) => ({name: relative(ROOT, path).split("\\").join("/"), data: readFileSync(path)}))));
