# The release image (ghcr.io/dockward/dockward:VERSION), built by
# .github/workflows/publish-image.yml from the release archives: the static
# musl binary of each platform is unpacked to <context>/<arch>/dockward
# (amd64, arm64). Same runtime settings as the root Dockerfile, which builds
# the same image from source.

FROM scratch
ARG TARGETARCH
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="dockward" \
    org.opencontainers.image.description="A fast Dockerfile linter, formatter and language server" \
    org.opencontainers.image.source="https://github.com/dockward/dockward" \
    org.opencontainers.image.licenses="MIT OR Apache-2.0" \
    org.opencontainers.image.version="${VERSION}"
COPY ${TARGETARCH}/dockward /usr/local/bin/dockward
ENV PATH=/usr/local/bin
# No /etc/passwd in scratch: a numeric user.
USER 65532:65532
WORKDIR /src
HEALTHCHECK NONE
ENTRYPOINT ["dockward"]
CMD ["lint", "-"]
