# ghcr.io/dockward/dockward:VERSION-debian: the release binary with a shell,
# for CI systems that run job scripts inside the image (GitLab, CircleCI,
# Bitbucket, Drone). Built by .github/workflows/publish-image.yml from the
# release archives (<context>/<arch>/dockward).

FROM debian:bookworm-slim
ARG TARGETARCH
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="dockward" \
    org.opencontainers.image.description="A fast Dockerfile linter, formatter and language server (Debian)" \
    org.opencontainers.image.source="https://github.com/dockward/dockward" \
    org.opencontainers.image.licenses="MIT OR Apache-2.0" \
    org.opencontainers.image.version="${VERSION}"
COPY ${TARGETARCH}/dockward /usr/local/bin/dockward
USER 65532:65532
WORKDIR /src
HEALTHCHECK NONE
ENTRYPOINT ["dockward"]
CMD ["lint", "-"]
