#!/usr/bin/env bash
# A province's path from the archetype to a plugin ready to deploy, exactly as in the README:
# generate the project with one command, build it (1.0.0), then make version 1.1.0 with a schema
# migration (a new column with a default) and build that too. The itests deploy both live.
#
#   itests/province-plugin.sh WORKDIR [MEKONG_VERSION]
#
# Leaves WORKDIR/v1/mekong-province-danang/target/mekong-province-danang-1.0.0.kar and
# WORKDIR/v2/mekong-province-danang/target/mekong-province-danang-1.1.0.kar, both also installed
# in the local Maven repository. Extra Maven arguments may come in $MVN_ARGS.
set -euo pipefail
work=${1:?usage: province-plugin.sh WORKDIR [MEKONG_VERSION]}
version=${2:-0.1.0-SNAPSHOT}
mvn=(mvn -B -q ${MVN_ARGS:-})
rm -rf "$work" && mkdir -p "$work/v1" "$work/v2"

# 1. Generate (the one command from the README).
(cd "$work/v1" && "${mvn[@]}" org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate \
  -DarchetypeGroupId=org.mekong -DarchetypeArtifactId=mekong-province-archetype -DarchetypeVersion="$version" \
  -DgroupId=vn.gov.danang -DartifactId=mekong-province-danang -Dversion=1.0.0 -Dpackage=vn.gov.danang.mekong \
  -Dprovince=danang -DprovinceCode=DA-NANG "-DprovinceName=Đà Nẵng" -DinteractiveMode=false)

# 2. Build 1.0.0: bundle, feature and KAR.
(cd "$work/v1/mekong-province-danang" && "${mvn[@]}" install)

# 3. Version 1.1.0: a new changeSet appended (never edit a shipped one) and the version raised.
cp -r "$work/v1/mekong-province-danang" "$work/v2/"
p="$work/v2/mekong-province-danang"
rm -rf "$p/target"
sed -i '0,/<version>1.0.0<\/version>/s//<version>1.1.0<\/version>/' "$p/pom.xml"
changelog="$p/src/main/resources/db/danang-changelog.xml"
sed -i 's#</databaseChangeLog>#  <changeSet id="danang-2" author="danang">\
    <addColumn tableName="PV_DANANG_INITIATIVE">\
      <column name="PRIORITY" type="INTEGER" defaultValueNumeric="2"><constraints nullable="false"/></column>\
    </addColumn>\
  </changeSet>\
</databaseChangeLog>#' "$changelog"
(cd "$p" && "${mvn[@]}" install)
ls "$work"/v1/mekong-province-danang/target/*.kar "$work"/v2/mekong-province-danang/target/*.kar
