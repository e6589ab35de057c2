# syntax=docker/dockerfile:1.7
FROM debian:12-slim
ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c https://github.com/krallin/tini/releases/download/v0.19.0/tini-amd64 /tini
ADD app.tar.gz /srv/
RUN chmod +x /tini
USER 10001
ENTRYPOINT ["/tini", "--"]
