// Read `npm audit --json` and decide the build: a high or critical advisory in the front end's locked packages
// fails it. When the npm advisory service does not answer, the report has no metadata: that is said loudly as
// NOT PERFORMED and passes, unless AUDIT_STRICT=1 (the second argument).
//
// Usage: node tools/audit/npm_summary.js var/npm-audit.json [strict]

const fs = require("fs");

function summarise(report, strict) {
  if (!report.metadata) {
    const why = report.message || (report.error && report.error.summary) || "no answer";
    const line =
      `npm audit NOT PERFORMED: the npm advisory service could not be reached (${why})` +
      (strict ? " (AUDIT_STRICT=1: failing)" : " (AUDIT_STRICT=1 makes this fail)");
    return { lines: [line], status: strict ? 1 : 0 };
  }
  const serious = Object.entries(report.vulnerabilities || {}).filter(([, v]) =>
    ["high", "critical"].includes(v.severity),
  );
  const lines = serious.map(([name, v]) => `VULNERABLE ${name} (${v.severity}) ${v.range}`);
  const counts = report.metadata.vulnerabilities;
  lines.push(`npm audit: ${counts.total} known vulnerabilities, ${counts.high} high, ${counts.critical} critical`);
  return { lines, status: serious.length ? 1 : 0 };
}

let report = {};
try {
  report = JSON.parse(fs.readFileSync(process.argv[2], "utf8") || "{}");
} catch (error) {
  report = {};
}
const { lines, status } = summarise(report, Boolean(process.argv[3]));
console.log(lines.join("\n"));
process.exit(status);
