# Multi-stage build of the one deployable. The same image runs the app and, with the argument "migrate",
# the explicit migration step (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/DealerCrm.Domain/DealerCrm.Domain.csproj src/DealerCrm.Domain/
COPY src/DealerCrm.Web/DealerCrm.Web.csproj src/DealerCrm.Web/
RUN dotnet restore src/DealerCrm.Web/DealerCrm.Web.csproj
COPY src/ src/
RUN dotnet publish src/DealerCrm.Web/DealerCrm.Web.csproj -c Release -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    Logging__File__Path=""
COPY --from=build /app .
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "DealerCrm.Web.dll"]
