# tollgate's release image, as a Dockerfile for those who build it
# themselves. scripts/release builds the same image without Docker
# (internal/cmd/mkimage, which must stay in step with this file: a test
# checks they name the same paths, user and entrypoint) and scans this file
# with tollgate; the release fails if tollgate blocks it.
#
# The build context is one platform's directory that scripts/release
# writes (a static tollgate binary, the CA certificates, passwd, group):
#
#   scripts/release v1.2.3 dist --platforms linux/amd64
#   docker build -f Dockerfile -t tollgate:v1.2.3 dist/context/linux-amd64
FROM scratch
COPY --chmod=0644 ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --chmod=0644 passwd /etc/passwd
COPY --chmod=0644 group /etc/group
COPY --chmod=1777 tmp /tmp
COPY --chown=65532:65532 --chmod=0700 home /home/tollgate
COPY --chmod=0755 tollgate /usr/local/bin/tollgate
ENV PATH=/usr/local/bin HOME=/home/tollgate SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
WORKDIR /src
USER 65532:65532
LABEL org.opencontainers.image.title="tollgate" \
      org.opencontainers.image.source="https://github.com/tollgate-dev/tollgate" \
      org.opencontainers.image.url="https://github.com/tollgate-dev/tollgate"
ENTRYPOINT ["/usr/local/bin/tollgate"]
CMD ["--help"]
