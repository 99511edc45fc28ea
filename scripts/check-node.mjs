// The first step of `npm test`, `npm run size` and `npm run bench`: a wrong Node gets one line naming the
// version needed instead of a stack trace further on (.ts imports need Node >= 22.18; jsdom ^22.22.2).
const [need, needMinor] = [22, 18];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < need || (major === need && minor < needMinor)) {
  console.error(`Kith needs Node >= ${need}.${needMinor} (this is ${process.version}): run ./scripts/setup once, then ./scripts/test, or put a newer Node on PATH.`);
  process.exit(1);
}
