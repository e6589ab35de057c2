# Nano Server runs as the unprivileged ContainerUser unless a USER says
# otherwise.
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY bin/ C:/app/
ENTRYPOINT ["C:\\app\\worker.exe"]
