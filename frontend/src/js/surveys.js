// Surveys (imported for its effect from app.js): progressive enhancements of pages that already work without JavaScript.
//
// - table[data-chart="bar"|"line"]: draws a Chart.js chart above the table from its rows (the row header is
//   the label; each cell with data-value is a value, one series per such column). The table stays on the
//   page as the complete, accessible answer; the chart repeats it for sighted readers and is hidden from
//   assistive technology. Cells with an empty data-value (a suppressed count) are left out of the chart.
// - [data-export-progress]: asks the export's status address every 2 seconds and moves the progress bar,
//   then shows the download link; without JavaScript, the "Check again" link reloads the page.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const COLOURS = ["#106165", "#d4351c"];

function readTable(table) {
  const headers = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
  const labels = [];
  const series = new Map();
  table.querySelectorAll("tbody tr").forEach((row) => {
    const label = row.querySelector("th");
    const cells = Array.from(row.querySelectorAll("td"));
    if (!label) return;
    labels.push(label.textContent.trim());
    cells.forEach((cell, index) => {
      if (!cell.hasAttribute("data-value")) return;
      const name = headers[index + 1] || "";
      if (!series.has(name)) series.set(name, []);
      const raw = cell.dataset.value;
      series.get(name).push(raw === "" ? null : Number(raw));
    });
  });
  return { labels, series };
}

function drawChart(table) {
  const { labels, series } = readTable(table);
  if (!labels.length || !series.size) return;
  const type = table.dataset.chart === "line" ? "line" : "bar";
  const wrapper = document.createElement("div");
  wrapper.className = "app-chart";
  wrapper.setAttribute("aria-hidden", "true");
  const canvas = document.createElement("canvas");
  wrapper.appendChild(canvas);
  table.parentNode.insertBefore(wrapper, table);
  const datasets = Array.from(series.entries()).map(([name, data], index) => ({
    label: name,
    data,
    backgroundColor: COLOURS[index % COLOURS.length],
    borderColor: COLOURS[index % COLOURS.length],
  }));
  const horizontal = type === "bar" && labels.length > 6;
  new Chart(canvas, {
    type,
    data: { labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: horizontal ? "y" : "x",
      plugins: { legend: { display: datasets.length > 1 } },
      scales: { [horizontal ? "x" : "y"]: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  wrapper.classList.add(horizontal ? "app-chart--tall" : "app-chart--short");
}

function followExport(element) {
  const bar = element.querySelector("progress");
  const text = element.querySelector("[data-export-text]");
  const download = element.querySelector("[data-export-download]");
  const refresh = element.querySelector("[data-export-refresh]");
  const poll = async () => {
    const response = await fetch(element.dataset.exportProgress, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const status = await response.json();
    bar.value = status.percent;
    bar.textContent = `${status.percent}%`;
    text.textContent = `${status.status}, ${status.done} of ${status.total} responses`;
    if (status.download) {
      download.hidden = false;
      if (refresh) refresh.hidden = true;
    } else if (status.status !== "failed") {
      window.setTimeout(poll, 2000);
    }
  };
  window.setTimeout(poll, 2000);
}

document.querySelectorAll("table[data-chart]").forEach(drawChart);
document.querySelectorAll("[data-export-progress]").forEach(followExport);
