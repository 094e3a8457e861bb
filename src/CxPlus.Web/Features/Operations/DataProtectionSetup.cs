using System.Security.Cryptography.X509Certificates;
using CxPlus.Data;
using Microsoft.AspNetCore.DataProtection;

namespace CxPlus.Web.Features.Operations;

/// <summary>
/// ASP.NET Core's data-protection keys (sign-in cookies, antiforgery tokens) kept in PostgreSQL,
/// so sign-ins survive a restart and every instance on the store accepts the others' cookies.
/// With <c>DataProtection:CertificatePath</c> (a PFX, password in <c>DataProtection:CertificatePassword</c>)
/// the keys are encrypted at rest with it; without, they rest in the database behind its credentials,
/// which the start-up log says once, in a sentence, instead of the framework's warning per key.
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "CxPlus";

    public static IServiceCollection AddCxPlusDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<CxPlusDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                // Checked at start-up, named: a sign-in key that cannot be read would sign every user out.
                throw new InvalidOperationException($"DataProtection:CertificatePath: {path} cannot be read as a PFX with DataProtection:CertificatePassword ({e.Message}).", e);
            }
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        else
        {
            // The framework warns "No XML encryptor configured" for each key it creates: the keys
            // live in PostgreSQL unencrypted, by choice (docs/operations.md); one line says so at start.
            services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error));
            services.AddHostedService<KeysAtRestNotice>();
        }
        return services;
    }

    private sealed class KeysAtRestNotice(ILogger<KeysAtRestNotice> log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            log.LogInformation("Data-protection keys are kept in PostgreSQL, protected by its credentials; set DataProtection__CertificatePath to encrypt them at rest.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
