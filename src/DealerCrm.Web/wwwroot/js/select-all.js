// "Select all on this page" for the manager's lists: a checkbox with data-select-all="Name" ticks or clears every
// checkbox named Name in its form, and shows a mixed state when only some are ticked.
(function () {
    "use strict";
    document.querySelectorAll("input[type=checkbox][data-select-all]").forEach(function (all) {
        var form = all.form;
        var name = all.getAttribute("data-select-all");
        if (!form) { return; }
        function boxes() {
            return Array.prototype.filter.call(form.querySelectorAll("input[type=checkbox]"), function (b) {
                return b.name === name;
            });
        }
        function refresh() {
            var list = boxes();
            var ticked = list.filter(function (b) { return b.checked; }).length;
            all.checked = list.length > 0 && ticked === list.length;
            all.indeterminate = ticked > 0 && ticked < list.length;
        }
        all.addEventListener("change", function () {
            boxes().forEach(function (b) { b.checked = all.checked; });
            all.indeterminate = false;
        });
        form.addEventListener("change", function (e) {
            if (e.target !== all && e.target.name === name) { refresh(); }
        });
        refresh();
    });
}());
