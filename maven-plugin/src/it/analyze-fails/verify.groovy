def log = new File(basedir, 'build.log').text
assert log =~ /findings at warning or above in jdbc:h2:file:/ : 'the failure does not say why'
assert !log.contains('another-secret') : 'the password was logged'
true
