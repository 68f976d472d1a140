using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Logging;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Pages;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmLogging();
builder.Services.AddCrmData(builder.Configuration);
builder.Services.AddCrmIdentity(builder.Configuration, builder.Environment);
builder.Services.AddCrmLocalization();
builder.Services.AddCrmPages();
builder.Services.AddCrmCapabilities();
builder.Services.AddCrmJobs(builder.Configuration);

var app = builder.Build();
if (args.Contains("migrate"))
{
    await app.MigrateAndExitAsync();
    return;
}

await app.InitializeCrmAsync();
app.UseCrmPipeline();
await app.RunAsync();

public partial class Program;
