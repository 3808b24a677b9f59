// Stack self-check artifact: a tiny hand-made GeoJSON (three made-up squares) printed by a TypeScript loader,
// proving that loaders run at build time. Not real data.
const square = (name: string, x: number, y: number, older: number) => ({
  type: "Feature",
  properties: {name, older},
  geometry: {type: "Polygon", coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.08], [x, y + 0.08], [x, y]]]}
});

const collection = {
  type: "FeatureCollection",
  features: [square("示例甲镇", 121.1, 30.8, 1200), square("示例乙镇", 121.2, 30.8, 800), square("示例丙街道", 121.15, 30.88, 2100)]
};

process.stdout.write(JSON.stringify(collection));
