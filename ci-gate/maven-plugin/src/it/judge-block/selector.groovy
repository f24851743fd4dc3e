// Runs this project only once the `judge` command is registered in the CLI sources (it is written on another
// branch; before the merge there is nothing for the goal to call). basedir is target/it/<project>.
def cli = new File(basedir, '../../../../src/main/java/io/scoregate/gate/cli')
def registered = cli.isDirectory() && cli.listFiles().any { it.name.endsWith('.java') && it.text.contains('name = "judge"') }
if (!registered) {
    println "[ci-gate IT] skipped: no `judge` command in ${cli.canonicalPath}"
}
return registered
