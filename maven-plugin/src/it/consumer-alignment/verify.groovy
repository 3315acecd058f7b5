// group:artifact:type:version:scope lines of mvn dependency:list
def deps = new File(basedir, 'deps.txt').readLines()
        .collect { it.trim() }
        .findAll { it ==~ /[\w.\-]+:[\w.\-]+:jar:.*/ }
        .collect { def p = it.split(':'); [group: p[0], artifact: p[1], version: p[3]] }
assert deps.find { it.artifact == 'jackson-dataformat-yaml' } : 'the consumer does not get jackson-dataformat-yaml at all'
// Jackson 2.20+ versions jackson-annotations as major.minor only
def jackson = deps.findAll { it.group.startsWith('com.fasterxml.jackson') && it.artifact != 'jackson-annotations' }
def versions = jackson.collect { it.version }.unique()
assert versions.size() == 1 : 'Jackson versions disagree: ' + jackson.collect { it.artifact + ' ' + it.version }
def slf4j = deps.findAll { it.group == 'org.slf4j' }.collect { it.version }.unique()
assert slf4j.size() <= 1 : 'SLF4J versions disagree: ' + slf4j
true
