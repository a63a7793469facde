#!/usr/bin/env bash
# Generates a Java client from the OpenAPI document with openapi-generator (Maven plugin, generator
# `java`, okhttp-gson), builds it, and calls the token-protected DELETE /api/v1/stats/{stream} through
# it against the packaged application started with a reset token: with the token 204, again 404, with
# a wrong token 403. Needs target/openapi/api-docs.json (OpenApiDocumentTests) and the packaged jar.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${FRAMEPIPE_CLIENT_CHECK_PORT:-18096}
management_port=${FRAMEPIPE_CLIENT_CHECK_MANAGEMENT_PORT:-$((port + 100))}
out=target/openapi/client
jar=$(ls target/framepipe-*.jar | grep -v plain | head -1)
./mvnw -B -ntp -q org.openapitools:openapi-generator-maven-plugin:7.25.0:generate \
  -Dopenapi.generator.maven.plugin.inputSpec=target/openapi/api-docs.json \
  -Dopenapi.generator.maven.plugin.generatorName=java \
  -Dopenapi.generator.maven.plugin.output="$out" \
  -Dopenapi.generator.maven.plugin.apiPackage=dev.framepipe.client.api \
  -Dopenapi.generator.maven.plugin.modelPackage=dev.framepipe.client.model \
  -Dopenapi.generator.maven.plugin.invokerPackage=dev.framepipe.client > /dev/null
(cd "$out" && ../../../mvnw -B -ntp -q package -DskipTests -Dmaven.javadoc.skip=true \
  && ../../../mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile=classpath.txt)
classpath="$out/target/openapi-java-client-v1.jar:$(cat "$out/classpath.txt")"
mkdir -p "$out/check"
javac -cp "$classpath" -d "$out/check" scripts/openapi-client/Check.java
java -jar "$jar" --server.port="$port" --management.server.port="$management_port" --framepipe.stats.reset-token=s3cret --logging.level.root=WARN \
  > "$out/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$management_port/actuator/health/readiness" > /dev/null 2>&1 && break
  sleep 1
done
curl -sf -o /dev/null -H 'Content-Type: application/octet-stream' --data-binary @<(head -c 16 /dev/zero) \
  "http://127.0.0.1:$port/api/v1/frames?stream=cam-1&width=4&height=4"
result=$(java -cp "$out/check:$classpath" Check "http://127.0.0.1:$port" s3cret cam-1)
echo "$result"
[ "$result" = "$(printf 'reset with the token: 204\nreset again (stream gone): 404\nreset with a wrong token: 403')" ]
