FROM debian:12
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        sudo \
        make
USER 10001
RUN set -eux; \
    sudo make install
RUN <<EOF
set -e
sudo -u app make test
EOF
