using System.Net;
using System.Text.RegularExpressions;

namespace DealerCrm.Bench;

/// <summary>
/// One virtual user: one HttpClient (SocketsHttpHandler, no automatic redirects) and the cookies a browser would keep.
/// Cookies are kept by hand rather than in a CookieContainer: outside Development the app's cookies are Secure and
/// <c>__Host-</c> prefixed, which .NET's container never sends over plain http on loopback, and a browser would keep
/// them per host, not per port, so a sign-in on one instance is sent to the other like a browser behind a balancer.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    public const string Password = "DealerCrm-Demo-2026";

    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public BrowserSession(string account)
    {
        Account = account;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        {
            Timeout = TimeSpan.FromSeconds(120),
        };
    }

    public string Account { get; }

    public string SignedInOn { get; private set; } = "";

    public async Task SignInAsync(string baseUrl)
    {
        var login = await SendAsync(HttpMethod.Get, baseUrl + "/Account/Login");
        var token = Token(login.Body) ?? throw new InvalidOperationException($"no anti-forgery token on {baseUrl}/Account/Login");
        var posted = await SendAsync(HttpMethod.Post, baseUrl + "/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = Account,
            ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = token,
        });
        if (posted.Status != 302 || posted.Location?.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InvalidOperationException($"sign-in of {Account} on {baseUrl} failed: HTTP {posted.Status}");
        }

        SignedInOn = baseUrl;
    }

    /// <summary>The anti-forgery token of a page's form, fetched once per page and session (as a browser holds a page open).</summary>
    public async Task<string> FormTokenAsync(string baseUrl, string path)
    {
        if (_tokens.TryGetValue(path, out var token))
        {
            return token;
        }

        var page = await SendAsync(HttpMethod.Get, baseUrl + path);
        token = Token(page.Body) ?? throw new InvalidOperationException($"no form token on {path} for {Account} (HTTP {page.Status})");
        _tokens[path] = token;
        return token;
    }

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public async Task<Response> SendAsync(HttpMethod method, string url, IReadOnlyDictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (_cookies.Count > 0)
        {
            string header;
            lock (_cookies)
            {
                header = string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
            }

            request.Headers.TryAddWithoutValidation("Cookie", header);
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            lock (_cookies)
            {
                foreach (var setCookie in setCookies)
                {
                    var pair = setCookie.Split(';', 2)[0];
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals > 0)
                    {
                        var value = pair[(equals + 1)..];
                        var expired = setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                        if (expired || value.Length == 0)
                        {
                            _cookies.Remove(pair[..equals]);
                        }
                        else
                        {
                            _cookies[pair[..equals]] = value;
                        }
                    }
                }
            }
        }

        var body = await response.Content.ReadAsByteArrayAsync();
        var isText = response.Content.Headers.ContentType?.MediaType?.StartsWith("text/", StringComparison.Ordinal) == true;
        return new Response((int)response.StatusCode, response.Headers.Location?.OriginalString,
            isText ? System.Text.Encoding.UTF8.GetString(body) : "", body.Length);
    }

    public static string? Token(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed record Response(int Status, string? Location, string Body, long Bytes)
{
    /// <summary>2xx and 3xx are fine, except a redirect to the sign-in page: the session was not honoured.</summary>
    public string? Error => Status is < 200 or >= 400 ? $"HTTP {Status}"
        : Status is >= 300 && Location?.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) == true ? "signed out"
        : null;
}
