def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'target/ci-gate/gate-report.json')
assert report.isFile() : "no gate-report.json was written"
assert report.text.contains('BLOCK') : "the report does not say BLOCK"
// the build failed because of the verdict, and the message names the report
assert log.contains('ci-gate: BLOCK - the candidate regressed; see ') : "the failure is not the gate's BLOCK"
assert log.contains('target/ci-gate/gate-report.md'.replace('/', File.separator))
return true
