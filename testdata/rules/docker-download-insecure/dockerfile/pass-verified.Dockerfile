# syntax=docker/dockerfile:1
FROM debian:12
RUN curl -fsSL https://downloads.example.com/tool.tar.gz -o /tmp/tool.tar.gz \
    && echo "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef  /tmp/tool.tar.gz" | sha256sum -c - \
    && curl -K /etc/curlrc --cacert /etc/ssl/certs/internal-ca.pem https://internal.example.com/x -o /x \
    && echo 'deb [signed-by=/usr/share/keyrings/example.gpg] https://apt.example.com stable main' > /etc/apt/sources.list.d/example.list \
    && apt-get update && apt-get install -y --no-install-recommends example-tool \
    && tar -xkf /tmp/tool.tar.gz -C /opt
RUN <<EOF
set -eux
# never: curl -k, wget --no-check-certificate, GIT_SSL_NO_VERIFY=1
pip install --index-url https://pypi.example.com/simple example-lib
npm config set strict-ssl true
git config --global http.sslVerify true
EOF

FROM rockylinux:9
RUN printf '[example]\nbaseurl=https://rpm.example.com/el9\ngpgcheck=1\nrepo_gpgcheck=0\n' > /etc/yum.repos.d/example.repo \
    && dnf install -y example-tool
USER 10001
