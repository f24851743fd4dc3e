def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'target/ci-gate/gate-report.json')
assert report.isFile() : "no gate-report.json was written"
assert report.text.contains('"verdict"') && report.text.contains('PASS') : "the report does not say PASS"
assert log.contains('BUILD SUCCESS')
assert !log.contains('BLOCK -')
return true
