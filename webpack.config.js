const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const customFunctionFiles = require("./scripts/custom-function-files");
const { AllowErrorsPlugin } = require("./scripts/functions-metadata");

const urlDev = "https://localhost:3000";
// The address the add-in is served from in production. Set FUNDING_TOOLKIT_URL when deploying.
const urlProd = (process.env.FUNDING_TOOLKIT_URL || "https://funding-toolkit.example.org").replace(
  /\/$/,
  ""
);

async function httpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    // No trusted development certificate (e.g. on Linux without the CA installed): let
    // webpack-dev-server make a self-signed one so the preview still serves over https, and say
    // why (scripts/start.js then tells the user the browser will warn).
    const reason = String((e && e.message) || e).split("\n")[0];
    console.warn(
      `Development certificate not installed (${reason}); using a self-signed certificate.`
    );
    return undefined;
  }
}

module.exports = async (env, options) => {
  const dev = options.mode !== "production";
  const entries = {
    taskpane: "./src/taskpane/index.tsx",
    functions: "./src/functions/functions.ts",
  };
  // The browser preview (dev/preview) hosts the task pane beside the in-memory workbook double,
  // which carries HyperFormula (GPL-3). It is a development tool: built only with `--env preview`
  // (npm start / npm run preview and the browser tests), into its own folder, never by
  // `npm run build`, whose dist/ holds the add-in alone.
  const withPreview = Boolean(env && env.preview);
  if (withPreview) entries.preview = "./dev/preview/index.tsx";
  const outputDir = withPreview ? "dist-preview" : "dist";

  const config = {
    devtool: dev ? "source-map" : false,
    entry: entries,
    output: {
      path: path.resolve(__dirname, outputDir),
      filename: "[name].js",
      // Libraries the task pane loads only when used (exceljs, papaparse) go to lazy/, so the
      // start-up script stays in budget and functions.js stays one self-contained file.
      chunkFilename: "lazy/[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".jsx", ".html"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico|svg)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    // functions.js must stay one self-contained script: the custom-functions runtime loads it
    // alone, so nothing may be split into shared chunks.
    optimization: { splitChunks: false, runtimeChunk: false },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: customFunctionFiles(),
      }),
      // Sets allowErrorForDataTypeAny in functions.json, which the generator cannot emit, so that
      // Excel passes error cells in and only their rows show the error (scripts/functions-metadata.js).
      new AllowErrorsPlugin({ asset: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: one page hosts the task pane and the custom functions.
        chunks: ["functions", "taskpane"],
        scriptLoading: "blocking",
      }),
      new HtmlWebpackPlugin({
        filename: "help.html",
        template: "./src/taskpane/help.html",
        chunks: [],
      }),
      ...(withPreview
        ? [
            new HtmlWebpackPlugin({
              filename: "preview.html",
              template: "./dev/preview/preview.html",
              chunks: ["functions", "preview"],
              scriptLoading: "blocking",
            }),
          ]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // The sample workbook feeds the preview only.
          ...(withPreview ? [{ from: "assets/samples", to: "assets/samples" }] : []),
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : content.toString().replace(new RegExp(urlDev, "g"), urlProd);
            },
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, outputDir) },
      headers: { "Access-Control-Allow-Origin": "*" },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      server: { type: "https", options: dev ? await httpsOptions() : undefined },
      client: { overlay: false },
      hot: false,
    },
  };
  return config;
};
