FROM debian:12 AS build
WORKDIR /opt
COPY <<EOF /opt/install.sh
set -eux
curl -fsSL https://get.example.dev/cli.sh | sh
EOF
RUN cat > /usr/local/bin/setup <<'EOT'
#!/bin/sh
	wget -qO- https://x.example/y | bash
EOT
RUN echo 'curl https://e.example/i | sh' > /e.sh
RUN chmod +x install.sh && ./install.sh
RUN bash -c /usr/local/bin/setup
FROM debian:12
COPY --from=build /opt/install.sh /bin/
COPY --from=build /e.sh /e.sh
RUN . /e.sh && sh /bin/install.sh
USER 1000
