// Starts dynalite on 127.0.0.1 and reports the bound port on stdout as "listening <port>", so the
// AppHost can ask for port 0 without racing for a free port. Exits when stdin closes: if the
// AppHost dies without stopping us, we do not outlive it.
'use strict'

const args = {}
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1]
}
const dynalite = require('dynalite')

const server = dynalite({
  path: args.path || undefined,
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
})

server.listen(Number(args.port || 0), args.host || '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`)
})

server.on('error', (err) => {
  console.error(`dynalite failed: ${err.message}`)
  process.exit(1)
})

process.stdin.resume()
process.stdin.on('end', () => server.close(() => process.exit(0)))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
process.on('SIGINT', () => server.close(() => process.exit(0)))
