FROM maven:latest AS build
WORKDIR /src
COPY pom.xml .
COPY src ./src
RUN mvn -B package -DskipTests

FROM eclipse-temurin
COPY --from=build /src/target/app.jar /app.jar
USER 10001
ENTRYPOINT ["java", "-jar", "/app.jar"]
