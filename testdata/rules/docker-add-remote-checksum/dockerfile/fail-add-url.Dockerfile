FROM debian:12-slim
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-amd64 /tini
ADD --chown=10001 https://releases.hashicorp.com/terraform/1.9.5/terraform_1.9.5_linux_amd64.zip \
    /tmp/terraform.zip
RUN chmod +x /tini
USER 10001
ENTRYPOINT ["/tini", "--"]
