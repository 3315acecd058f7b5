def log = new File(basedir, 'build.log').text
def gen = new File(basedir, 'target/generated-sources/backendkit/it/shop')
assert log.contains('backendkit: generate skipped, nothing changed') : 'the second build generated again'
assert log.contains('2 applied migrations match their files')
assert log =~ /tables analyzed in jdbc:h2:file:\S+: 0 errors/
assert new File(gen, 'api/PetsApi.java').isFile()
assert new File(gen, 'server/ApiRouter.java').isFile()
assert !new File(gen, 'client/PetsClient.java').exists() : 'a file no longer generated was left behind'
assert !new File(gen, 'client').exists() : 'an emptied directory was left behind'
assert log =~ /files no longer generated removed/
assert new File(basedir, 'target/backendkit-analyze.json').isFile()
assert !log.contains('it-secret') : 'the password was logged'
true
