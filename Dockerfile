# Multi-stage build for the FrontendHost (embedded silo included) and, once cluster mode lands, the Silo.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN dotnet publish src/FrontendHost -c Release -o /out/frontend && dotnet publish src/Silo -c Release -o /out/silo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS frontend
WORKDIR /app
COPY --from=build /out/frontend ./
COPY --from=build /src/node_modules ./node_modules
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 WebClient__NodeModulesPath=/app/node_modules
EXPOSE 8080
ENTRYPOINT ["dotnet", "OrleansRides.FrontendHost.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS silo
WORKDIR /app
COPY --from=build /out/silo ./
ENTRYPOINT ["dotnet", "OrleansRides.Silo.dll"]
