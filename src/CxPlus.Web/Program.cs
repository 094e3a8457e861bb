using CxPlus.Data;
using CxPlus.Web.Components;
using CxPlus.Web.Features.Api;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

var settings = SettingsConfiguration.Read(builder.Configuration);
builder.Services.AddCxPlusStore(SettingsConfiguration.ConnectionString(builder.Configuration), settings);
builder.Services.AddRazorComponents().AddInteractiveServerComponents(options =>
{
    // Set deliberately: an analyst's dashboard keeps few circuits, and a dropped phone connection
    // should be able to come back for a few minutes.
    options.DisconnectedCircuitMaxRetained = 100;
    options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
    options.DetailedErrors = builder.Environment.IsDevelopment();
});
builder.Services.AddSignalR(options => options.MaximumReceiveMessageSize = 64 * 1024);
builder.Services.AddMudServices();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseStatusCodePages();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapOpenApi(); // /openapi/v1.json
app.MapReadApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
