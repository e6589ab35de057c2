FROM eclipse-temurin:21-jre
WORKDIR /app
COPY build/libs/app.jar ./
COPY certs/truststore.jks ./keys/
COPY infra/prod.tfvars .env.dist ./
USER 10001
