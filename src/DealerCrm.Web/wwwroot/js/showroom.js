// Returning-visitor hint (spec 1.1): as a mobile number is typed, ask the server whether the store knows it.
// A POST with the page's anti-forgery token, so the number never appears in a URL or a request log.
(function () {
    "use strict";
    function digits(value) { return (value || "").replace(/\D/g, ""); }

    document.querySelectorAll("input[data-lookup]").forEach(function (input) {
        var target = document.getElementById(input.getAttribute("data-lookup"));
        var form = input.form;
        var tokenInput = form && form.querySelector("input[name='__RequestVerificationToken']");
        var last = "";
        var timer = null;
        if (!target || !tokenInput) { return; }

        function lookUp() {
            var value = digits(input.value);
            if (value.length < 11 || value === last) {
                if (value.length < 11) { target.textContent = ""; last = ""; }
                return;
            }
            last = value;
            var body = new URLSearchParams();
            body.append("mobile", input.value);
            fetch("/Showroom?handler=Lookup", {
                method: "POST",
                headers: { "RequestVerificationToken": tokenInput.value },
                body: body,
                credentials: "same-origin"
            }).then(function (response) {
                return response.ok ? response.json() : { returning: false };
            }).then(function (result) {
                if (!result.returning) { target.textContent = ""; return; }
                target.textContent = result.consultant
                    ? target.getAttribute("data-followed").replace("{0}", result.consultant)
                    : target.getAttribute("data-returning");
            }).catch(function () { target.textContent = ""; });
        }

        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(lookUp, 150);
        });
        input.addEventListener("blur", lookUp);
    });
})();
