FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY bin/ C:/app/
USER ContainerAdministrator
ENTRYPOINT ["C:\\app\\worker.exe"]
