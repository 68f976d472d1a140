// Grade checklist (spec 1.4): as signs are ticked, ask the server which grade they suggest and show it at once.
// The server keeps the rule (and decides again on Save); this script only asks and shows. While the consultant has
// not picked a grade by hand, the grade list follows the suggestion, so confirming it is just saving.
(function () {
    "use strict";
    document.querySelectorAll("fieldset[data-grade-suggest]").forEach(function (fieldset) {
        var form = fieldset.form || fieldset.closest("form");
        var url = fieldset.getAttribute("data-grade-suggest");
        var output = fieldset.querySelector("[data-grade-suggestion]");
        var token = form && form.querySelector("input[name='__RequestVerificationToken']");
        var select = form && form.querySelector("select[data-grade-select]");
        var chosenByHand = false;
        var latest = 0;
        if (!url || !output || !token) { return; }

        if (select) {
            select.addEventListener("change", function () { chosenByHand = true; });
        }

        function suggest() {
            var body = new URLSearchParams();
            fieldset.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
                body.append("signs", box.value);
            });
            var request = ++latest;
            fetch(url, {
                method: "POST",
                headers: { "RequestVerificationToken": token.value },
                body: body,
                credentials: "same-origin"
            }).then(function (response) {
                return response.ok ? response.json() : null;
            }).then(function (result) {
                if (!result || request !== latest) { return; }
                output.textContent = result.text;
                output.hidden = !result.text;
                if (result.grade && select && !chosenByHand) {
                    select.value = result.grade;
                }
            }).catch(function () { /* the hint is a convenience; Save still decides */ });
        }

        fieldset.addEventListener("change", function (e) {
            if (e.target && e.target.type === "checkbox") { suggest(); }
        });
    });
}());
