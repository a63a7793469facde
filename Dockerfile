# syntax=docker/dockerfile:1
#
# FramePipe container image: build with the Maven wrapper on a JDK, run the layered Boot jar
# on a JRE of the current LTS as a non-root user.
#
#   docker build -t framepipe .
#   docker run --rm -p 8080:8080 -p 127.0.0.1:8081:8081 framepipe
#
# Health: the image carries no HTTP client, so it declares no HEALTHCHECK. Orchestrators
# probe the actuator health groups instead (see deploy/k8s/deployment.yaml and
# docs/DEPLOYMENT.md): liveness GET /actuator/health/liveness, readiness GET
# /actuator/health/readiness, both on the management port 8081 (its own port and thread pool,
# so the probes answer whatever the frame traffic on 8080 does; keep it off the public network).
# The groups are served when the application runs on Kubernetes or when
# MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true.

# ---------------------------------------------------------------- build
FROM eclipse-temurin:25-jdk AS builder
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
# The cache mount keeps ~/.m2 (Maven itself and the dependencies) between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp package -DskipTests \
    && cp target/framepipe-*.jar app.jar
# Boot's layered layout: rarely-changing dependencies first, the application last, so a code
# change rebuilds only the last layer.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# ---------------------------------------------------------------- run
FROM eclipse-temurin:25-jre
# A fixed numeric UID/GID so that Kubernetes' runAsNonRoot can verify it without /etc/passwd.
RUN groupadd --system --gid 10001 framepipe \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app \
       --shell /usr/sbin/nologin framepipe
WORKDIR /app
# Layers from least to most frequently changed; files stay owned by root, read-only to the app.
COPY --from=builder /workspace/extracted/dependencies/ ./
COPY --from=builder /workspace/extracted/spring-boot-loader/ ./
COPY --from=builder /workspace/extracted/snapshot-dependencies/ ./
COPY --from=builder /workspace/extracted/application/ ./
USER 10001:10001
# 8080: the API and the dashboard; 8081: the actuator (management.server.port).
EXPOSE 8080 8081
# Container-aware heap: 75 % of the container's memory limit, committed whole from the start; G1 named, since under 1792 MB the JVM would pick
# the Serial collector itself, and its marking started at 80 % of the heap, not by its adaptive guess
# (docs/DEPLOYMENT.md has both measurements). The last two options let the JVM lower the request threads to nice 19,
# under the analysis threads at nice 0, so refusals cannot crowd out admitted frames (docs/DEPLOYMENT.md,
# "Analysis before refusals"). Override JAVA_TOOL_OPTIONS to tune.
ENV JAVA_TOOL_OPTIONS="-XX:InitialRAMPercentage=75 -XX:MaxRAMPercentage=75 -XX:+UseG1GC -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=80 -XX:+ExitOnOutOfMemoryError -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
