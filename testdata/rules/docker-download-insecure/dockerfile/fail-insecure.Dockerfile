# syntax=docker/dockerfile:1
FROM debian:12
ENV GIT_SSL_NO_VERIFY=1
RUN curl -fsSLk https://downloads.example.com/tool.tar.gz -o /tmp/tool.tar.gz \
    && echo 'deb [trusted=yes] http://apt.example.com stable main' > /etc/apt/sources.list.d/example.list \
    && apt-get update \
    && apt-get install -y \
        --allow-unauthenticated \
        example-tool
RUN <<EOF
set -eux
# curl -k in a comment is not a finding
wget --no-check-certificate -O /tmp/cli https://downloads.example.com/cli
pip install --trusted-host pypi.example.com example-lib
git -c http.sslVerify=false clone https://git.example.com/app.git /src
EOF
COPY <<EOT /usr/local/bin/setup.sh
#!/bin/sh
set -e
npm config set strict-ssl false
EOT
RUN sh /usr/local/bin/setup.sh
RUN echo 'curl -k is fine in a string' && curl -K /etc/curlrc https://downloads.example.com/x

FROM rockylinux:9
RUN cat > /etc/yum.repos.d/example.repo <<'EOF'
[example]
baseurl=https://rpm.example.com/el9
gpgcheck=0
EOF
RUN dnf install -y --nogpgcheck example-tool && rpm -ivh --nosignature /tmp/x.rpm
