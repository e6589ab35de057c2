FROM eclipse-temurin:21-jre
WORKDIR /app
COPY build/libs/app.jar ./
COPY config/release.jks ./keys/
USER 10001
