FROM alpine:3.20
ADD rootfs.tar.xz /
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://github.com/moby/buildkit/archive/refs/tags/v0.20.0.tar.gz /src/buildkit.tar.gz
COPY requirements.txt /app/
USER 10001
