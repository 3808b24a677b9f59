// Every table of the site as Arrow files for the SQL page, in one archive (loaders/artifacts.ts sqlZipArtifact),
// printed from the build cache (the region is parsed once per build, loaders/build-cache.ts).
import {printArtifact} from "../../loaders/build-cache.ts";

await printArtifact("sql.zip");
